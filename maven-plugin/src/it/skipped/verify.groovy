// A broken history, but the goal was skipped: the build passed without verifying anything.
def log = new File(basedir, 'build.log').text
assert log.contains('migrationtest: skipped (migrationtest.skip)')
assert !log.contains('Verifying ')
assert !new File(basedir, 'target/migrationtest').exists()
return true
