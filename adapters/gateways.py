"""A chat gateway that routes each nudge to the platform the person is on."""

from __future__ import annotations

from bot.model import User
from bot.ports import ChatGateway, DeliveryDeclined
from bot.values import Reply

__all__ = ["RoutingGateway"]


class RoutingGateway:
    def __init__(self, gateways: dict[str, ChatGateway]) -> None:
        self._gateways = gateways

    async def deliver(self, user: User, reply: Reply) -> str:
        gateway = self._gateways.get(user.identity.platform)
        if gateway is None:
            # This process doesn't serve that platform (another replica may): put the
            # nudge back without using up an attempt.
            raise DeliveryDeclined(
                f"{user.identity.platform} is not configured in this process",
                retry_after=600)
        return await gateway.deliver(user, reply)
