"""A chat gateway that routes each nudge (and each channel tip) to its platform."""

from __future__ import annotations

from bot.model import User
from bot.ports import ChannelGateway, ChatGateway, DeliveryDeclined
from bot.values import Reply

__all__ = ["RoutingGateway"]


class RoutingGateway:
    def __init__(self, gateways: dict[str, ChatGateway]) -> None:
        self._gateways = gateways

    @property
    def platforms(self) -> list[str]:
        return list(self._gateways)

    async def deliver(self, user: User, reply: Reply) -> str:
        gateway = self._gateways.get(user.identity.platform)
        if gateway is None:
            # This process doesn't serve that platform (another replica may): put the
            # nudge back without using up an attempt.
            raise DeliveryDeclined(
                f"{user.identity.platform} is not configured in this process",
                retry_after=600)
        return await gateway.deliver(user, reply)

    async def post_to_channel(self, platform: str, workspace_id: str, channel_id: str,
                              reply: Reply) -> str:
        gateway = self._gateways.get(platform)
        if gateway is None or not hasattr(gateway, "post_to_channel"):
            raise DeliveryDeclined(f"{platform} channels are not served in this process",
                                   retry_after=600)
        channels: ChannelGateway = gateway  # type: ignore[assignment]  # checked just above
        return await channels.post_to_channel(platform, workspace_id, channel_id, reply)
