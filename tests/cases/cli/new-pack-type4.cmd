new pack --type 4
