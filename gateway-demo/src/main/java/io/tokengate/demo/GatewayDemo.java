package io.tokengate.demo; public class GatewayDemo { public static void main(String[] a){} }
