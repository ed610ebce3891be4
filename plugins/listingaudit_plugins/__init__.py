"""listingaudit's built-in plugins: adapters, checks and report writers.

Each module registers through the ``listingaudit`` entry-point group, exactly as a third-party
plugin would, and uses only the public hooks and host modules.
"""
