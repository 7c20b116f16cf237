namespace LedelsesInfo.Web.Auth;

/// <summary>Which sign-in the portal runs with; the development sign-in page refuses to work otherwise.</summary>
public sealed record SignInMode(bool Development);
