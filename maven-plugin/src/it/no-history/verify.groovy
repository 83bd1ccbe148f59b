// Nothing to verify is an error running the goal (the command line's exit code 2), not a failed check.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal io.github.migrationtest:migrationtest-maven-plugin')
assert log =~ /migrationtest: the errors above leave no revision to read from .*db.migrations; nothing to verify/
assert log.contains('MojoExecutionException')
assert !log.contains('MojoFailureException')
return true
