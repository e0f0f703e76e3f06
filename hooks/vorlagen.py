"""mkdocs-macros wiring for docs/vorlagen.md: its tables come from the core's registries.

Only pages with ``render_macros: true`` in their front matter are rendered (see mkdocs.yml),
so the ``{{`` of Jira markup on the chapter pages is never taken for Jinja.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leitfaden.loader import load_guide
from leitfaden.tickets import downloads_markdown, formats_markdown


def define_env(env: Any) -> None:
    """Called by mkdocs-macros; ``env`` is its (untyped) macro environment."""
    content = Path(env.conf.config_file_path).parent / "content" / "questions.yaml"

    def ticket_downloads() -> str:
        """Every download under /vorlagen/ as Markdown: a table of chapters, then the collections."""
        return downloads_markdown(load_guide(content))

    def ticket_formats() -> str:
        """The formats and the trackers that read them, as a Markdown table."""
        return formats_markdown()

    env.macro(ticket_downloads)
    env.macro(ticket_formats)
