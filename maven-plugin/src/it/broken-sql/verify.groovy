// The build failed (invoker.properties); here: that it failed for the check, with the command line's message.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal io.github.migrationtest:migrationtest-maven-plugin')
assert log.contains('migrationtest: a check failed')
assert log.contains('Revision 0002 (add mood): the downgrade did not restore the schema')
assert log.contains('type public.mood: unexpected enum')
assert log.contains('it lacks: DROP TYPE public.mood;')
// The verdict (MojoFailureException), not an error running the goal (MojoExecutionException).
assert log.contains('MojoFailureException')
assert !log.contains('MojoExecutionException')

def json = new File(basedir, 'target/migrationtest/migrationtest.json').text
assert json.contains('"passed": false') || json.contains('"passed":false')
return true
