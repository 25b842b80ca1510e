"""In-memory fakes of every storage port, for unit tests and benchmarks."""

from bot.memory.store import MemoryStore, MemoryUnitOfWork, memory_uow_factory

__all__ = ["MemoryStore", "MemoryUnitOfWork", "memory_uow_factory"]
