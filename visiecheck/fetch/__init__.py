"""Fetching visies where they are published: the DSO Presenteren API (``fetch``).

The only wing that uses the network. It sits beside ``run``, below the api and above
the kernel; nothing else in visiecheck imports it but the api.
"""
