schematron ../../../schemas/pack.sch ../rules/stage.plan.xml
