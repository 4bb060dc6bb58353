"""claimcheck: find the checkable claims in a draft, flag unsupported generalizations, and check
claims against your own reference snippets."""

__version__ = "0.1.0"
