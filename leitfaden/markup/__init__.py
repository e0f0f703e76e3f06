"""One module per output markup, each holding all of that markup's rules.

A content text is inline Markdown of a small subset (see :mod:`.text`). Every output writes
it through its own module here: :mod:`.markdown` (site pages, Markdown tickets),
:mod:`.html` (templates, brochure), :mod:`.plain` (titles, meta tags, CSV titles),
:mod:`.jira` (Jira wiki markup) and :mod:`.textile` (Redmine). The tracker modules also
write the blocks of a ticket (tasks, quotes, tables, links).
"""
