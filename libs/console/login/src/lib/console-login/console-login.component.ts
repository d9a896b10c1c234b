import { Component } from '@angular/core';

@Component({
  selector: 'tl-console-login',
  imports: [],
  templateUrl: './console-login.component.html',
  styleUrl: './console-login.component.css',
})
export class ConsoleLoginComponent {}
