package dev.frontdoor.stores;

/**
 * The store contracts on moto's server, a second, independent DynamoDB emulation: an adapter that
 * passes on one engine only relies on that engine's quirks. Skipped where moto_server is missing.
 */
class MotoStoreContractIT extends StoreContract {

  @Override
  String engineName() {
    return "moto";
  }

  @Override
  Engine startEngine() {
    MotoServer moto = MotoServer.start();
    return new Engine(moto.endpoint(), moto);
  }
}
