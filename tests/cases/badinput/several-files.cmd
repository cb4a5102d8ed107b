check missing-file.xml wrong-root.xml
