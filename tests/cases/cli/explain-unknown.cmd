explain no.such-rule
