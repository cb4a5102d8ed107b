schematron library.sch
