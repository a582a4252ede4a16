global using Xunit;
// Orleans has its own ErrorCode (global using Orleans); tests always mean the domain one.
global using ErrorCode = PrivateLending.Grains.Abstractions.Common.ErrorCode;
