check --werror ../rules/community.connection.xml
