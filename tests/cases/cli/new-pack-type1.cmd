new pack --type 1
