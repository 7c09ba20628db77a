"""The emulator's HTTP layer.

The request pipeline (bytes in, bytes out), GraphQL over HTTP as Apollo Server answers it,
the REST routes, and the transports and server that carry it.
"""
