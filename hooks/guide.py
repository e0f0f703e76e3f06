"""MkDocs wiring for the guide: load content/questions.yaml, add the generated files.

All logic lives in the ``leitfaden`` package, which does not import MkDocs; these event
functions only connect it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

from leitfaden.loader import ContentError, load_guide
from leitfaden.model import Guide
from leitfaden.site import SiteUrl
from leitfaden.website import generated_files, nav

# Not under "mkdocs.": a warning there would fail `mkdocs build --strict`.
log = logging.getLogger("leitfaden")
if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("WARNUNG - %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


def _content_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "content" / "questions.yaml"


def _guide(config: MkDocsConfig) -> Guide:
    try:
        return load_guide(_content_path(config))
    except ContentError as error:
        raise PluginError(str(error)) from None


def _site() -> SiteUrl:
    try:
        return SiteUrl.from_env()
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = _site()
    if site.is_default:
        log.warning(site.warning)
    config.site_url = site.base
    config.nav = nav(_guide(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        generated = generated_files(_guide(config), _site())
    except ContentError as error:  # e.g. a ticket grown past a tracker's limit
        raise PluginError(str(error)) from None
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} würde eine generierte Datei überschreiben: bitte entfernen")
        files.append(File.generated(config, path, content=content))
    return files


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    server.watch(str(_content_path(config).parent))
    return server
