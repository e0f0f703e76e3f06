# Runs Debian's Redmine 5 for the tracker tests, in one process that boots Rails once.
#
#   ruby redmine_server.rb STATE_DIR [TEMPLATE_DB]
#
# STATE_DIR becomes this Redmine's instance root (Debian's multi-tenancy: config/database.yml,
# tmp/, log/, files/), so nothing of the machine's own Redmine instance is read or changed.
# The process migrates a fresh sqlite database, loads Redmine's German default data, sets up
# an admin API key and a public project (or, when TEMPLATE_DB exists, starts from a copy of
# it, which saves the migration; when it does not, it is written once the database is ready), then serves Redmine with WEBrick on a free loopback
# port and prints one line of JSON ({"port": ..., "api_key": ..., "project": ...}).
#
# Besides Redmine itself it answers three POST requests under /__harness/ (JSON in, JSON out),
# for what Redmine only offers through its administration pages:
#   text_formatting  {"value": "textile"|"common_mark"}  – Administration → Textformatierung
#   import           {"path": CSV, "locale": "de"|"en"}   – Redmine's CSV import, with the
#                    column auto-mapping of Redmine's own import wizard (ImportsController)
#   render           {"format": ..., "texts": [...]}      – Redmine's wiki formatter, as issue pages use it
require 'fileutils'
require 'json'
require 'pathname'
require 'securerandom'
# Ruby's WEBrick (Debian's ruby-webrick, a dependency of libruby) is not in Redmine's bundle:
# load it before Bundler narrows the load path.
require 'webrick'

STATE = Pathname.new(ARGV.fetch(0)).realpath
TEMPLATE = ARGV[1] && Pathname.new(ARGV[1])
FROM_TEMPLATE = TEMPLATE&.file?
REDMINE = Pathname.new(ENV.fetch('REDMINE_ROOT', '/usr/share/redmine'))
ENV['RAILS_ENV'] = 'production'
ENV['REDMINE_LANG'] ||= 'de'
Dir.chdir(REDMINE)

%w[config tmp/imports tmp/cache log files public/plugin_assets].each { |dir| STATE.join(dir).mkpath }
STATE.join('config', 'database.yml').write(<<~YAML)
  production:
    adapter: sqlite3
    database: #{STATE.join('redmine.sqlite3')}
    encoding: utf8
    timeout: 5000
YAML
STATE.join('config', 'secret_key.txt').write(SecureRandom.hex(64))
FileUtils.cp(TEMPLATE, STATE.join('redmine.sqlite3')) if FROM_TEMPLATE

# Debian's multi-tenancy takes every per-instance path from Redmine.root: point it here.
$LOAD_PATH.unshift(REDMINE.join('lib').to_s)
require 'redmine/multi_tenancy'
module Redmine
  def self.root
    STATE
  end
end

def progress(message)
  $stderr.puts "redmine: #{message}"
  $stderr.flush
end

started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
elapsed = -> { format('%.1f s', Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) }

require REDMINE.join('config', 'application').to_s
Rails.application.initialize!
progress "Rails geladen (#{elapsed.call})"

# What `rake db:migrate redmine:load_default_data` does, in this process (rake would load
# the application a second time, without eager loading).
unless FROM_TEMPLATE
  ActiveRecord::Migration.verbose = false
  ActiveRecord::Base.connection.migration_context.migrate
  # The application was eager-loaded before the tables existed.
  ActiveRecord::Base.descendants.each(&:reset_column_information)
  Redmine::DefaultData::Loader.load(ENV['REDMINE_LANG'])
  progress "Datenbank angelegt (#{elapsed.call})"
end

Setting.rest_api_enabled = '1'
Setting.login_required = '0'
Setting.default_language = 'de'
Setting.notified_events = [] # no mail jobs for every new issue
admin = User.find_by_login('admin')
admin.update!(must_change_passwd: false, language: 'de')
api_key = admin.api_key
project = Project.find_by(identifier: 'projektleitfaden') || Project.create!(
  name: 'Projektleitfaden', identifier: 'projektleitfaden', is_public: true,
  enabled_module_names: %w[issue_tracking], trackers: Tracker.sorted.to_a
)
if TEMPLATE && !FROM_TEMPLATE
  # A consistent copy, written beside and renamed, so no other process reads half a file.
  partial = "#{TEMPLATE}.#{Process.pid}"
  ActiveRecord::Base.connection.execute("VACUUM INTO #{ActiveRecord::Base.connection.quote(partial)}")
  File.rename(partial, TEMPLATE)
  progress "Vorlage der Datenbank geschrieben (#{elapsed.call})"
end

class Harness
  def initialize(project)
    @project = project
  end

  def call(env)
    request = Rack::Request.new(env)
    body = JSON.parse(request.body.read)
    result = ActiveRecord::Base.connection_pool.with_connection { dispatch(request.path_info, body) }
    [200, { 'Content-Type' => 'application/json' }, [JSON.generate(result)]]
  rescue StandardError => e
    [500, { 'Content-Type' => 'text/plain' }, ["#{e.class}: #{e.message}\n#{e.backtrace.first(5).join("\n")}"]]
  end

  private

  def dispatch(action, body)
    case action
    when '/text_formatting'
      Setting.text_formatting = body.fetch('value')
      { 'text_formatting' => Setting.text_formatting }
    when '/import' then import(body.fetch('path'), body.fetch('locale'))
    when '/render'
      formatter = Redmine::WikiFormatting.formatter_for(body.fetch('format'))
      { 'html' => body.fetch('texts').map { |text| formatter.new(text).to_html } }
    else raise ArgumentError, "unknown action #{action}"
    end
  end

  # What Redmine's import wizard does: upload, default settings (separator, encoding guessed
  # from the file), the automatic column mapping of the mapping page, then run.
  def import(path, locale)
    admin = User.find_by_login('admin')
    User.current = admin
    ::I18n.locale = locale
    import = IssueImport.new(user: admin)
    File.open(path, 'rb') { |file| import.file = file }
    import.set_default_settings(project_id: @project.id)
    import.save!
    mapping = auto_mapping(import)
    mapping['tracker'] ||= "value:#{@project.trackers.first.id}" # the wizard's preselected tracker
    import.settings['mapping'] = mapping
    import.save!
    import.run
    {
      'auto_mapping' => mapping.except('project_id', 'tracker'),
      'headers' => import.headers,
      'errors' => import.unsaved_items.map(&:message),
      'issues' => import.saved_objects.map { |issue| { 'id' => issue.id, 'subject' => issue.subject } }
    }
  ensure
    ::I18n.locale = :de
  end

  def auto_mapping(import)
    controller = ImportsController.new
    controller.instance_variable_set(:@import, import)
    controller.instance_variable_set(:@import_type, IssueImport)
    controller.instance_variable_set(:@custom_fields, import.mappable_custom_fields)
    controller.send(:auto_map_fields)
    import.settings['mapping']
  end
end

require 'rack/handler/webrick'
app = Rack::Builder.new do
  map('/__harness') { run Harness.new(project) }
  map('/') { run Rails.application }
end.to_app

log = WEBrick::Log.new(STATE.join('log', 'webrick.log').to_s)
Rack::Handler::WEBrick.run(app, Host: '127.0.0.1', Port: 0, Logger: log, AccessLog: []) do |server|
  port = server.listeners.first.addr[1]
  progress "bereit auf Port #{port} (#{elapsed.call})"
  $stdout.puts JSON.generate('port' => port, 'api_key' => api_key, 'project' => project.identifier)
  $stdout.flush
end
