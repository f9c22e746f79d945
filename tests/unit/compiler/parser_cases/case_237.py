a is not b
