"""sendwatch: the public record of England's local area SEND inspections."""

__version__ = "0.1.0"
