schematron broken.inc.sch books.inc.xml
