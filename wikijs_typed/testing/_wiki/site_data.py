"""The settings and environment of a default Wiki.js 2.5 install.

These are the values a Wiki.js 2.5.314 install reports; the emulator
starts from the same so that clients see a plausible, stable installation.
"""

from __future__ import annotations

from typing import Any

# site.config fields that are not kept in `SiteConfig` (Wiki.js's defaults)
SITE_DEFAULTS: dict[str, Any] = {
    "robots": ["index", "follow"],
    "analyticsService": "",
    "analyticsId": "",
    "footerOverride": "",
    "authAutoLogin": False,
    "authEnforce2FA": False,
    "authHideLocal": False,
    "authLoginBgUrl": "",
    "authJwtAudience": "urn:wiki.js",
    "editFab": True,
    "editMenuBar": False,
    "editMenuBtn": True,
    "editMenuExternalBtn": True,
    "editMenuExternalName": "GitHub",
    "editMenuExternalIcon": "mdi-github",
    "editMenuExternalUrl": "https://github.com/org/repo/blob/main/{filename}",
    "featurePageRatings": True,
    "featurePageComments": True,
    "featurePersonalWikis": True,
    "securityOpenRedirect": True,
    "securityIframe": True,
    "securityReferrerPolicy": True,
    "securityTrustProxy": False,
    "securitySRI": True,
    "securityHSTS": False,
    "securityHSTSDuration": 300,
    "securityCSP": False,
    "securityCSPDirectives": "",
    "uploadScanSVG": True,
}

# system.info: the environment of the recorded installation
ENVIRONMENT: dict[str, Any] = {
    "configFile": "/wiki/config.yml",
    "cpuCores": 2,
    "currentVersion": "2.5.314",
    "dbHost": "127.0.0.1",
    "dbType": "PostgreSQL",
    "dbVersion": "15.18",
    "hostname": "vm",
    "httpPort": 3000,
    "httpRedirection": False,
    "httpsPort": 0,
    "latestVersion": "2.5.314",
    "latestVersionReleaseDate": "2026-01-01T01:01:01.000Z",
    "nodeVersion": "20.20.2",
    "operatingSystem": "Linux - Debian (bookworm) 12 x64",
    "platform": "docker",
    "ramTotal": "23.54 GB",
    "sslDomain": None,
    "sslExpirationDate": None,
    "sslProvider": None,
    "sslStatus": "OK",
    "sslSubscriberEmail": None,
    "telemetry": False,
    "upgradeCapable": False,
    "workingDirectory": "/wiki",
}

THEMING = {
    "theme": "default",
    "iconset": "mdi",
    "darkMode": False,
    "tocPosition": "left",
    "injectCSS": "",
    "injectHead": "",
    "injectBody": "",
}
THEMES = [{"key": "default", "title": "Default", "author": "requarks.io"}]

# system.extensions on the recorded installation: which helper programs it found
EXTENSIONS = [
    {
        "key": "git",
        "title": "Git",
        "description": "Distributed version control system. Required for the Git storage module.",
        "isInstalled": True,
        "isCompatible": True,
    },
    {
        "key": "pandoc",
        "title": "Pandoc",
        "description": (
            "Convert between markup formats. Required for converting from other formats such"
            " as MediaWiki, AsciiDoc, Textile and other wikis."
        ),
        "isInstalled": False,
        "isCompatible": True,
    },
    {
        "key": "puppeteer",
        "title": "Puppeteer",
        "description": (
            "Headless chromium browser for server-side rendering. Required for generating PDF"
            " versions of pages and render content elements on the server (e.g. Mermaid"
            " diagrams)"
        ),
        "isInstalled": False,
        "isCompatible": True,
    },
    {
        "key": "sharp",
        "title": "Sharp",
        "description": (
            "Process and transform images. Required to generate thumbnails of uploaded images"
            " and perform transformations."
        ),
        "isInstalled": False,
        "isCompatible": True,
    },
]

# mail.config as the setup wizard saves it (nothing configured)
MAIL: dict[str, Any] = {
    "senderName": "",
    "senderEmail": "",
    "host": "",
    "port": 465,
    "name": "",
    "secure": True,
    "verifySSL": True,
    "user": "",
    "pass": "",
    "useDKIM": False,
    "dkimDomainName": "",
    "dkimKeySelector": "",
    "dkimPrivateKey": "",
}
