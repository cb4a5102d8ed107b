schematron ../../../schemas/pack.sch ../../../samples/paused-type4-complex.xml
