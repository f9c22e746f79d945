NAME = 'two'
