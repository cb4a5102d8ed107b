new pack
