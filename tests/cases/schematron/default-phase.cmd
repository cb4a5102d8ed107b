schematron library.sch books.inc.xml
