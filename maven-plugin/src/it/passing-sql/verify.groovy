// The build passed (invoker checks that); here: what it printed and the reports it wrote.
def log = new File(basedir, 'build.log').text
assert log.contains('Verifying 2 revisions of ')
assert log.contains('[1/2] 0001 (create users)')
assert log =~ /\d+ passed, 0 failed, 0 skipped, 0 not reached/

def reports = new File(basedir, 'target/migrationtest')
def json = new File(reports, 'migrationtest.json').text
assert json.contains('"passed": true') || json.contains('"passed":true')
assert new File(reports, 'TEST-migrationtest.xml').text.contains('<testsuite')
assert new File(reports, 'migrationtest.md').isFile()
return true
