"""A typed GraphQL client for Wiki.js 2.x."""
