check no-such-file.xml
