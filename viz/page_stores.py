"""Every page's store by state kind, each made the first time it is asked for.

A window starts on the explorer: the labs' stores (and the core modules
their start states need) would cost a start-up about 50 ms that nobody has
asked for yet. Asking for a store by kind (``stores["race"]``) makes it;
``kind in stores`` and iterating over the kinds do not. Whoever must hear
every store (undo actions, the title's modified mark, lessons) subscribes
with :meth:`PageStores.each`, which calls back for the stores made so far
and for each one made later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from viz.store import Store

StoreFactory = Callable[[], Store[Any, Any]]
StoreListener = Callable[[str, Store[Any, Any]], None]


class PageStores(Mapping[str, Store[Any, Any]]):
    """A mapping of state kind to store that makes each store on first use.

    Parameters
    ----------
    made : mapping of str to Store
        Stores that exist already (the explorer's "scenario").
    factories : mapping of str to callable() -> Store
        The other kinds, in page order, and how to make each one's store.
    """

    def __init__(
        self, made: Mapping[str, Store[Any, Any]], factories: Mapping[str, StoreFactory]
    ) -> None:
        self._kinds = (*made, *(kind for kind in factories if kind not in made))
        self._made: dict[str, Store[Any, Any]] = dict(made)
        self._factories = dict(factories)
        self._listeners: list[StoreListener] = []

    def __getitem__(self, kind: str) -> Store[Any, Any]:
        store = self._made.get(kind)
        if store is not None:
            return store
        factory = self._factories.get(kind)
        if factory is None:
            raise KeyError(kind)
        store = factory()
        self._made[kind] = store
        for listener in self._listeners:
            listener(kind, store)
        return store

    def __contains__(self, kind: object) -> bool:
        return kind in self._kinds

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def is_made(self, kind: str) -> bool:
        """Whether ``kind``'s store exists (asking for it would make it)."""
        return kind in self._made

    def made(self) -> dict[str, Store[Any, Any]]:
        """The stores that exist, by kind, in page order."""
        return {kind: self._made[kind] for kind in self._kinds if kind in self._made}

    def each(self, listener: StoreListener) -> None:
        """Call ``listener(kind, store)`` for every store, now and when made."""
        self._listeners.append(listener)
        for kind, store in self.made().items():
            listener(kind, store)
