"""What the resources decide without any I/O.

Arguments checked, requests and complete update states built, answers read. The async
resources and their sync twins share it.
"""
