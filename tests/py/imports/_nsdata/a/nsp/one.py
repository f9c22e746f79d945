NAME = 'one'
