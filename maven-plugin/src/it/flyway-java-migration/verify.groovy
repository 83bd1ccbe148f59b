// Flyway read classpath:db/migration from the project's classes and ran the Java migration.
def log = new File(basedir, 'build.log').text
assert log.contains('Verifying 2 revisions of ')
assert log.contains('[2/2] 2 (Backfill names)')
assert log =~ /\d+ passed, 0 failed, 0 skipped, 0 not reached/
return true
