# unittest, which imports inspect and pprint: a TestCase run through TextTestRunner, with the
# timing in the summary line normalised.
import io
import re
import unittest


class Sample(unittest.TestCase):
    def setUp(self):
        self.items = [1, 2, 3]

    def test_equal(self):
        self.assertEqual(sum(self.items), 6)

    def test_fail(self):
        self.assertEqual(self.items, [1, 2, 4])

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError):
            1 / 0

    @unittest.skip("not now")
    def test_skip(self):
        pass

    def test_error(self):
        raise KeyError("k")


stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
result = runner.run(unittest.defaultTestLoader.loadTestsFromTestCase(Sample))
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped))
print(re.sub(r"in \d+\.\d+s", "in Ns", stream.getvalue()))

stream = io.StringIO()
prog = unittest.main(argv=["prog", "Sample.test_equal", "Sample.test_raises"], exit=False,
                     testRunner=unittest.TextTestRunner(stream=stream))
print(prog.result.testsRun, prog.result.wasSuccessful())
suite = unittest.TestSuite([Sample("test_equal")])
print(unittest.TextTestRunner(stream=stream).run(suite).wasSuccessful())
print(re.sub(r"in \d+\.\d+s", "in Ns", stream.getvalue()))
