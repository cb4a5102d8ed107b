check ../../../samples/*.xml
