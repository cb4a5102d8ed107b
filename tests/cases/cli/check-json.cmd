check --format=json ../rules/stage.agreement.xml ../rules/community.connection.xml
