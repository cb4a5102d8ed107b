new pack --type 7
