from ...a import b
