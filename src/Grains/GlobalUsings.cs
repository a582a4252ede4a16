// Orleans has its own ErrorCode (global using Orleans); domain code always means ours.
global using ErrorCode = PrivateLending.Grains.Abstractions.Common.ErrorCode;
