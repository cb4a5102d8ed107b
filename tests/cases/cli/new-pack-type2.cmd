new pack --type 2
