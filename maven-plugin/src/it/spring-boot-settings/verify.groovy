// No <configuration>: the history, its placeholder and its history table came from application.yml.
def log = new File(basedir, 'build.log').text
assert log.contains('Flyway settings from src/main/resources/application.yml')
assert log.contains('table=shop_schema_history')
assert log.contains('Verifying 2 revisions of ')
assert log =~ /\d+ passed, 0 failed, 0 skipped, 0 not reached/
assert !log.contains('production.example.com')
return true
