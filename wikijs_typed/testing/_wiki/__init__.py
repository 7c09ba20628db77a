"""The emulated wiki's domain: its database, pages, accounts and tokens, access rules,
rendering and the module catalogue, with no HTTP or GraphQL in sight."""
