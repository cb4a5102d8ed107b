new pack --type 3
