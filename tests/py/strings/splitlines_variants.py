print("a\rb\nc\r\nd\x0be\x1cf\u2028g".splitlines())
