"""The workflows that span domains, above them and below the transports.

``backend.lifecycle.calls`` holds a call's whole life, one function per transition with all
its effects; it is the only code that writes a call's status (``backend.calls.status``).
"""
