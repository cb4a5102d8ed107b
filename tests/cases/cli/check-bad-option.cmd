check --colour ../rules/stage.plan.xml
