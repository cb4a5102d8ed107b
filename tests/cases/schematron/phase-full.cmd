schematron library.sch books.inc.xml --phase full
