"""The emulated wiki's domain, with no HTTP or GraphQL in sight.

Its database, pages, accounts and tokens, access rules, rendering and the module catalogue.
"""
